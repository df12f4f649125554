package dev.replichart.spec;

/** How a new replica copies the data of a running peer on first start. */
public enum CloneMethod {
  /**
   * MySQL's CLONE plugin (8.0.17+): the new server pulls a physical copy of the donor over the
   * MySQL port, with {@code gtid_executed}. Nothing beyond the official {@code mysql} image.
   */
  CLONE_PLUGIN("clone-plugin"),
  /**
   * A hot backup by mariadb-backup, streamed as mbstream over the clone port with socat (MariaDB);
   * all three are in the official {@code mariadb} image.
   */
  MARIABACKUP_STREAM("mariabackup-stream");

  private final String specName;

  CloneMethod(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }
}
