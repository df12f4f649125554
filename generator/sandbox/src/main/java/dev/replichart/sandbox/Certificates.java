package dev.replichart.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's certificate authority and the API server certificate it signs, made with the host's
 * {@code openssl}: what a cluster's CA and kube-apiserver certificate are to its pods. The server
 * certificate names the address the pods reach the API at and the usual in-cluster names.
 *
 * @param caCertificate mounted in each pod as the service account's {@code ca.crt}
 * @param serverKeyStore the server's key and certificate chain (PKCS#12), for the gateway
 */
record Certificates(Path caCertificate, Path serverKeyStore) {

  /** Makes a CA and a server certificate for {@code address} in {@code dir} (valid two days). */
  static Certificates create(Path dir, String address) throws IOException {
    Files.createDirectories(dir);
    String d = dir.toString();
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=replichart-sandbox-ca",
        "-keyout",
        d + "/ca.key",
        "-out",
        d + "/ca.crt");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=kube-apiserver",
        "-keyout",
        d + "/server.key",
        "-out",
        d + "/server.csr");
    Files.writeString(
        dir.resolve("server.ext"),
        "subjectAltName=IP:"
            + address
            + ",DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,"
            + "DNS:kubernetes.default.svc.cluster.local\n"
            + "basicConstraints=CA:FALSE\n"
            + "keyUsage=digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage=serverAuth\n",
        StandardCharsets.UTF_8);
    openssl(
        "x509",
        "-req",
        "-days",
        "2",
        "-in",
        d + "/server.csr",
        "-CA",
        d + "/ca.crt",
        "-CAkey",
        d + "/ca.key",
        "-CAcreateserial",
        "-extfile",
        d + "/server.ext",
        "-out",
        d + "/server.crt");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        d + "/server.crt",
        "-inkey",
        d + "/server.key",
        "-certfile",
        d + "/ca.crt",
        "-passout",
        "pass:sandbox",
        "-out",
        d + "/server.p12");
    return new Certificates(dir.resolve("ca.crt"), dir.resolve("server.p12"));
  }

  private static void openssl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Shell.Result r = Shell.run(command, "", 30);
    if (!r.ok()) {
      throw new SandboxException("openssl " + args[0] + " failed: " + r.output());
    }
  }
}
