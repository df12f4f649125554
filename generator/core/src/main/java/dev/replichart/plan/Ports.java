package dev.replichart.plan;

/** Fixed ports. The clone port comes from the spec. */
public final class Ports {
  public static final int MYSQL = 3306;

  private Ports() {}
}
