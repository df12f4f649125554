// Shared by every case's verify.groovy: reads build.log and offers assertions on it.
buildLog = new File(basedir, 'build.log').text

expect = { String text ->
    if (!buildLog.contains(text)) {
        throw new AssertionError("build.log lacks: ${text}")
    }
}

expectNot = { String text ->
    if (buildLog.contains(text)) {
        throw new AssertionError("build.log has: ${text}")
    }
}

// noStackTrace(): a user's mistake is reported as lines, never as an exception with frames.
// (Maven's own "[Help 1] …/MojoFailureException" link is the one mention allowed.)
noStackTrace = {
    def lines = buildLog.readLines().findAll { it.contains('Exception') && !it.contains('[Help 1]') }
    if (!lines.isEmpty()) {
        throw new AssertionError("build.log mentions an exception: ${lines.first()}")
    }
    expectNot('at dev.replichart')
    expectNot('Caused by')
}
return true
