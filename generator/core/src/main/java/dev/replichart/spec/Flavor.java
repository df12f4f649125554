package dev.replichart.spec;

import java.util.List;

/** The database engine family. Each flavor has its own hot-backup tool and GTID dialect. */
public enum Flavor {
  MYSQL("mysql", List.of("8.0", "8.4"), CloneMethod.CLONE_PLUGIN),
  MARIADB("mariadb", List.of("10.6", "10.11", "11.4"), CloneMethod.MARIABACKUP_STREAM);

  private final String specName;
  private final List<String> supportedVersions;
  private final CloneMethod cloneMethod;

  Flavor(String specName, List<String> supportedVersions, CloneMethod cloneMethod) {
    this.specName = specName;
    this.supportedVersions = supportedVersions;
    this.cloneMethod = cloneMethod;
  }

  /** The word used in the spec ({@code mysql}, {@code mariadb}). */
  public String specName() {
    return specName;
  }

  /** Major.minor versions the generated scripts are written for. */
  public List<String> supportedVersions() {
    return supportedVersions;
  }

  /** The clone method that works with this flavor. */
  public CloneMethod cloneMethod() {
    return cloneMethod;
  }
}
