# Plots of bench/results.md; bench/run.sh calls: gnuplot -e "dir='…'; out='bench'; has_clone=0|1" bench/plots.gp
set terminal svg size 720,420 dynamic font "sans,12"
set datafile separator "\t"
set key top left
set grid ytics
set fit quiet
set fit logfile "/dev/null"

set output out."/cold.svg"
set title "Cold start, one process per run (paired rounds)"
set xlabel "round"
set ylabel "wall time (ms)"
set yrange [0:*]
set xtics 1
plot dir."/cold.tsv" using 1:2 with linespoints title "Helm pair (lint --strict + template)", \
     "" using 1:3 with linespoints title "bin/replichart generate", \
     "" using 1:4 with linespoints title "java -jar replichart.jar generate"

set output out."/scaling.svg"
set multiplot layout 1,2 title "Warm generate in one JVM: growth with input size"
set title "values files (3 replicas)"
set xlabel "values files"
set ylabel "time (ms)"
set xtics auto
set xrange [0:*]
f(x) = a*x + b
fit f(x) dir."/scaling-values.tsv" using 1:2 via a, b
plot dir."/scaling-values.tsv" using 1:2 with linespoints pt 7 ps 1.2 title "replichart (warm)", \
     f(x) dashtype 2 title "linear fit", \
     "" using 1:3 with linespoints title "Helm pair (cold)"
set title "replicas (3 values files)"
set key bottom right
set xlabel "spec.replicas"
plot dir."/scaling-replicas.tsv" using 1:2 with linespoints pt 7 ps 1.2 title "replichart (warm)", \
     "" using 1:3 with linespoints title "Helm pair (cold)"
unset multiplot

# Clone against its baselines, per size (bench/run.sh sets has_clone=1 when CloneBench ran).
if (exists("has_clone") && has_clone) {
  set terminal svg size 1000,460 dynamic font "sans,12"
  set output out."/clone.svg"
  set multiplot layout 1,2 title "A new replica: clone vs raw copy vs dump/load (same run, same namespaces)"
  set title "wall time per seeded size"
  set style data histograms
  set style histogram clustered gap 1
  set style fill solid 0.8 border -1
  set boxwidth 0.9
  set xrange [*:*]
  set yrange [0:*]
  set xtics auto
  set xlabel "seeded table data (MiB)"
  set ylabel "seconds"
  set key top left Left reverse
  plot dir."/clone.tsv" using 3:xtic(1) title "clone (pod start to caught up)", \
       "" using 4 title "raw tar | socat copy", \
       "" using 5 title "mariadb-dump | mariadb"
  set title "where the clone's time goes"
  set style histogram rowstacked
  set key outside right top Left reverse
  plot dir."/clone.tsv" using 8:xtic(1) title "init, donor chosen", \
       "" using ($9-$8) title "backup streamed", \
       "" using ($10-$9) title "prepared", \
       "" using ($11-$10) title "moved into place", \
       "" using ($12-$11) title "server up, replication started", \
       "" using ($3-$12) title "caught up"
  unset multiplot
}
