// Shared by every case's prebuild.groovy (evaluated in its binding): copies examples/maven-consumer
// into the case's directory, so that each case holds only what differs from it, and offers the
// small edits the cases make. Variables: basedir (the case), consumerDir, itSupport.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// copyTree(from, to): copies a directory; files already at the destination stay (a case's own win)
copyTree = { File source, File destination ->
    Path from = source.toPath()
    Path to = destination.toPath()
    Files.walk(from).withCloseable { walk ->
        walk.filter { p -> !from.relativize(p).toString().startsWith('target') }.forEach { p ->
            Path target = to.resolve(from.relativize(p).toString())
            if (Files.isDirectory(p)) {
                Files.createDirectories(target)
            } else if (!Files.exists(target)) {
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
    }
}

copyTree(new File(consumerDir), basedir)

spec = new File(basedir, 'src/main/replichart/orders-db.yaml')
chart = new File(basedir, 'charts/orders-db')

// replace(file, from, to): edits a file, failing loudly when the text to change is not there
replace = { File file, String before, String after ->
    String text = file.text
    if (!text.contains(before)) {
        throw new IllegalStateException("${file} does not contain '${before}'")
    }
    file.text = text.replace(before, after)
}

// git(args...): runs git in the case's directory, with an identity for commits
git = { String... args ->
    def command = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.invalid'] + args.toList()
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    String output = process.inputStream.text
    if (process.waitFor() != 0) {
        throw new IllegalStateException("git ${args.join(' ')} failed: ${output}")
    }
    output
}

// commitAll(): the case's directory as a git repository whose HEAD holds the consumer as it is
commitAll = {
    git('init', '-q')
    git('add', '.')
    git('commit', '-q', '-m', 'the released chart')
}
return true
