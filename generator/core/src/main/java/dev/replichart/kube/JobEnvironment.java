package dev.replichart.kube;

/**
 * Environment variables an operator may set on a Job made from one of the chart's CronJobs (as
 * {@code kubectl create job --from=cronjob/… --dry-run=client -o yaml | kubectl set env --local -f
 * - NAME=value -o yaml | kubectl create -f -} does), and the sandbox's {@code job --target} sets.
 */
public final class JobEnvironment {
  /** The pod a switchover promotes; empty: the most advanced healthy replica. */
  public static final String TARGET_POD = "TARGET_POD";

  private JobEnvironment() {}
}
