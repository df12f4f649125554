package dev.replichart.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a generated chart's pods need from their surroundings, written by the plan into the chart as
 * {@value #FILE}: the flavor, the ports, each container with the image it runs on and the programs
 * its commands call, the accounts with the Secret keys of their passwords, and the role label. The
 * sandbox and the tests read this file instead of learning these facts back from the README or a
 * script; the README's image table is printed from the same record.
 *
 * @param generated the header that marks the file as generated
 * @param flavor {@code mysql} or {@code mariadb}
 * @param engineVersion major.minor of the server
 * @param ports the ports the database pods listen on
 * @param images each image the chart's containers run on, with the programs they call in it
 * @param containers every container of every workload, with its image's role
 * @param accounts the database accounts and the Secret key of each password
 * @param roleLabel the pod label the client Services select on
 */
@JsonPropertyOrder({
  "generated",
  "flavor",
  "engineVersion",
  "ports",
  "images",
  "containers",
  "accounts",
  "roleLabel"
})
public record ChartDescription(
    String generated,
    String flavor,
    String engineVersion,
    Ports ports,
    List<Image> images,
    List<Container> containers,
    List<Account> accounts,
    RoleLabel roleLabel) {

  /** The file name in the chart's root directory. */
  public static final String FILE = "replichart.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The database port and the port the sidecar serves clones on. */
  public record Ports(int mysql, int cloning) {}

  /**
   * An image and what the chart's scripts call in it.
   *
   * @param role {@code server}, {@code tools} or {@code nfs}
   * @param reference the default {@code repository:tag}
   * @param valuesKey where values.yaml sets it ({@code image} or {@code nfs.image})
   * @param containers the names of the containers that run on it
   * @param programs the programs the containers on this image call; the image must contain them
   */
  @JsonPropertyOrder({"role", "reference", "valuesKey", "containers", "programs"})
  public record Image(
      String role,
      String reference,
      String valuesKey,
      List<String> containers,
      List<String> programs) {}

  /**
   * A container.
   *
   * @param workload the kind of the object that runs it ({@code StatefulSet}, {@code CronJob},
   *     {@code Deployment})
   * @param name the container name
   * @param init whether it is an init container
   */
  @JsonPropertyOrder({"workload", "name", "init"})
  public record Container(String workload, String name, boolean init) {}

  /**
   * A database account.
   *
   * @param purpose {@code root}, {@code replication}, {@code operator} or {@code application}
   * @param user the user name
   * @param host the host part of the account
   * @param secretKey the key of the credentials Secret holding its password
   */
  @JsonPropertyOrder({"purpose", "user", "host", "secretKey"})
  public record Account(String purpose, String user, String host, String secretKey) {}

  /** The label key and its two values. */
  @JsonPropertyOrder({"key", "primary", "replica"})
  public record RoleLabel(String key, String primary, String replica) {}

  /** The account for a purpose, if the chart has one. */
  public Optional<Account> account(String purpose) {
    return accounts.stream().filter(a -> a.purpose().equals(purpose)).findFirst();
  }

  /** The image a named container runs on. */
  public Image imageOf(String container) {
    return images.stream()
        .filter(i -> i.containers().contains(container))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(FILE + " lists no image for container " + container));
  }

  /** Containers of one workload kind, in start order. */
  public List<Container> containersOf(String workload) {
    return containers.stream().filter(c -> c.workload().equals(workload)).toList();
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the description of a generated chart. */
  public static ChartDescription read(Path chartDir) throws IOException {
    Path file = chartDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " does not exist; is " + chartDir + " a replichart chart?");
    }
    return JSON.readValue(file.toFile(), ChartDescription.class);
  }
}
