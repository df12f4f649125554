/*
 * The Helm baseline of `make bench`: a minimal `helm` command over the same Helm library that
 * replichart embeds (helm-java's libhelm, Helm 3 built as a C shared library), so that the
 * comparison is with Helm itself, not with a JVM. Like the real CLI it does one command per
 * process:
 *
 *   helm lint CHART                        (= helm lint --strict CHART)
 *   helm template CHART [-f VALUES]...     (= helm template db CHART -n default
 *                                             --kube-version 1.27.0 -f VALUES...)
 *
 * It prints what Helm printed and exits 1 when Helm reported an error. No Helm CLI binary is
 * published where this project may download from, hence this driver; it is compiled by
 * bench/run.sh against the library extracted from replichart.jar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helm-linux-amd64.h"

static int finish(Result r) {
  int failed = r.err != NULL && r.err[0] != '\0';
  if (r.out != NULL) fputs(r.out, stdout);
  if (r.stdOut != NULL) fputs(r.stdOut, stdout);
  if (r.stdErr != NULL) fputs(r.stdErr, stderr);
  if (failed) fprintf(stderr, "Error: %s\n", r.err);
  Free(r);
  return failed ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "lint") == 0) {
    struct LintOptions o = {0};
    o.path = argv[2];
    o.strict = 1;
    return finish(Lint(&o));
  }
  if (argc >= 3 && strcmp(argv[1], "template") == 0) {
    /* helm-java passes several values files as one comma-separated string */
    size_t size = 1;
    for (int i = 3; i < argc; i++) size += strlen(argv[i]) + 1;
    char *values = calloc(size, 1);
    for (int i = 3; i + 1 < argc; i += 2) {
      if (strcmp(argv[i], "-f") != 0) break;
      if (values[0] != '\0') strcat(values, ",");
      strcat(values, argv[i + 1]);
    }
    struct TemplateOptions o = {0};
    o.name = "db";
    o.chart = argv[2];
    o.namespace = "default";
    o.kubeVersion = "1.27.0";
    o.valuesFiles = values;
    return finish(Template(&o));
  }
  fprintf(stderr, "usage: helm lint CHART | helm template CHART [-f VALUES]...\n");
  return 2;
}
