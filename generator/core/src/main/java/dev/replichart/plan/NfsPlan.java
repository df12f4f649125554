package dev.replichart.plan;

/**
 * The NFS server provisioner the chart runs when the spec asks for one: an nfs-ganesha server
 * exporting a node directory, which provisions a volume per claim of its StorageClass.
 *
 * <p>The provisioner's name and its StorageClass's name depend on the release and namespace (the
 * StorageClass is cluster-wide), so the chart's helpers compute them.
 *
 * @param hostPath the node directory exported
 * @param ports the ports an NFSv3/v4 server with its helpers listens on (TCP and UDP each)
 * @param nodeSelector the default labels of the node that runs the server
 */
public record NfsPlan(
    String hostPath, java.util.List<Port> ports, java.util.SortedMap<String, String> nodeSelector) {
  /** One port of the NFS server. */
  public record Port(String name, int port, String protocol) {}

  static NfsPlan of(String hostPath, java.util.SortedMap<String, String> nodeSelector) {
    java.util.List<Port> ports = new java.util.ArrayList<>();
    String[][] services = {
      {"nfs", "2049"}, {"nlockmgr", "32803"}, {"mountd", "20048"},
      {"rquotad", "875"}, {"rpcbind", "111"}, {"statd", "662"}
    };
    for (String[] service : services) {
      int port = Integer.parseInt(service[1]);
      ports.add(new Port(service[0], port, "TCP"));
      ports.add(new Port(service[0] + "-udp", port, "UDP"));
    }
    return new NfsPlan(hostPath, java.util.List.copyOf(ports), nodeSelector);
  }

  static final String IMAGE_REPOSITORY = "registry.k8s.io/sig-storage/nfs-provisioner";
  static final String IMAGE_TAG = "v4.0.8";

  public String imageRepository() {
    return IMAGE_REPOSITORY;
  }

  public String imageTag() {
    return IMAGE_TAG;
  }
}
