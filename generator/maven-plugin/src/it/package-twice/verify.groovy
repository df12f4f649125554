import java.security.MessageDigest
evaluate(new File(itSupport, 'log.groovy'))
File archive = new File(basedir, 'dist/orders-db-1.0.0.tgz')
File index = new File(basedir, 'dist/index.yaml')
assert archive.isFile()
assert index.isFile()
String sha = MessageDigest.getInstance('SHA-256').digest(archive.bytes).encodeHex().toString()
assert index.text.contains("digest: ${sha}") || index.text.contains("digest: \"${sha}\"")
assert index.text.contains('orders-db-1.0.0.tgz')
expect('(added, sha256 ')
expect('(unchanged, sha256 ')
noStackTrace()
return true
