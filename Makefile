# Replichart: the two commands a newcomer needs are `make run` and `make test`.
# Both install what they need on a fresh Debian machine (Java and Maven are assumed).

SHELL := /bin/bash
# Seeded sizes of the clone bench, in MiB (a variable: a comma inside $(or …) would split it).
SIZES ?= 100,1024
MVN := mvn -B -q
JAR := generator/target/replichart.jar
JSA := generator/target/replichart.jsa
REPLICHART := ./bin/replichart
SPEC := examples/sdnc-db.yaml
VALUES := $(wildcard values/*.yaml)
VALUES_FLAGS := $(foreach v,$(VALUES),-f $(v))

.PHONY: build run test check package bench bench-failover bench-clone fuzz sandbox format deps clean

## deps: Debian packages the tests need (shellcheck; MariaDB, socat and openssl for the sandbox). Root only.
deps:
	@./scripts/install-deps.sh

## build: the executable jar generator/target/replichart.jar, and the class-data-sharing archive
## bin/replichart starts it with (trained on the example; a few seconds, not part of make test)
build:
	$(MVN) -DskipTests package
	rm -f $(JSA) $(JSA).tmp
	REPLICHART_JAVA_OPTS="-XX:ArchiveClassesAtExit=$(JSA).tmp -Xlog:all=warning,cds=error:stderr" ./bin/replichart generate $(SPEC) \
	  -o generator/target/cds-training-chart $(VALUES_FLAGS) >/dev/null && mv $(JSA).tmp $(JSA)

$(JAR):
	$(MVN) -DskipTests package

## run: generate chart/ from the bundled example, validated by real Helm with every values file
run: build
	$(REPLICHART) generate $(SPEC) -o chart $(VALUES_FLAGS)

## test: every test (unit, golden, property, Helm, shellcheck, chart/ up to date)
test: deps
	mvn -B -ntp verify

## check: chart/ is what the spec renders, formatting is clean, and the tests pass
check: build
	$(REPLICHART) generate $(SPEC) -o chart $(VALUES_FLAGS) >/dev/null
	git diff --exit-code -- chart/ || { echo "chart/ differs from what $(SPEC) renders: run make run and commit"; exit 1; }
	test -z "$$(git status --porcelain -- chart/)" || { echo "chart/ has files the generator does not write"; git status --porcelain -- chart/; exit 1; }
	$(MVN) spotless:check

## package: dist/<name>-<version>.tgz and dist/index.yaml from chart/ (a Helm repository; byte-reproducible)
package: build
	$(REPLICHART) package chart -d dist

## bench: every figure of bench/results.md (+ SVG plots) in one run: cold and warm generate as
## ratios to the Helm pair measured in the same run, scaling, failover RTO (root; CYCLES=20),
## clone against raw copy and dump/load (root; SIZES=100,1024 MiB)
bench: build
	$(MVN) test-compile
	CYCLES=$(or $(CYCLES),20) SIZES=$(SIZES) bench/run.sh

## bench-failover: recovery time of automatic failover in the pod sandbox (root): CYCLES kill→failover
## cycles (20 by default) under a write client; prints min / median / p90 / max and lost writes
bench-failover: build
	$(MVN) test-compile
	java -cp generator/sandbox/target/test-classes:generator/core/target/test-classes:$(JAR) \
	  dev.replichart.sandbox.FailoverBench $(or $(CYCLES),20)

## bench-clone: a new replica's clone time in the pod sandbox (root), against a raw tar | socat copy
## of the same data directory and mariadb-dump | mariadb, at SIZES MiB of seeded data (100,1024)
bench-clone: build
	$(MVN) test-compile
	SIZES=$(SIZES) java \
	  -cp generator/sandbox/target/test-classes:generator/core/target/test-classes:$(JAR) \
	  dev.replichart.sandbox.CloneBench

## fuzz: hostile specs and values files through the CLI, in process (CASES=10000 SEED=1 by default);
## prints cases, failures, internal errors, unlocated lines, touched outputs and the slowest case
fuzz: build
	$(MVN) test-compile
	java -cp generator/cli/target/test-classes:$(JAR) dev.replichart.fuzz.Fuzz \
	  $(or $(CASES),10000) $(or $(SEED),1)

## sandbox: run the MariaDB example's chart as 3 pods on this machine (root); Ctrl-C or
## `java -jar $(JAR) sandbox down` stops it
sandbox: build deps
	java -jar $(JAR) generate examples/mariadb.yaml -o generator/target/sandbox-chart >/dev/null
	java -jar $(JAR) sandbox up generator/target/sandbox-chart --replicas 3

## format: apply the Java formatting
format:
	$(MVN) spotless:apply

clean:
	$(MVN) clean
