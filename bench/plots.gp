# Plots of bench/results.md; bench/run.sh calls: gnuplot -e "dir='…'; out='bench'" bench/plots.gp
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
