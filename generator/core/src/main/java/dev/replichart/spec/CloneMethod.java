package dev.replichart.spec;

/** How a new replica copies the data of a running peer on first start. */
public enum CloneMethod {
  /** Percona XtraBackup streamed as xbstream over the clone port (MySQL). */
  XTRABACKUP_STREAM("xtrabackup-stream"),
  /** mariabackup streamed as mbstream over the clone port (MariaDB). */
  MARIABACKUP_STREAM("mariabackup-stream");

  private final String specName;

  CloneMethod(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }
}
