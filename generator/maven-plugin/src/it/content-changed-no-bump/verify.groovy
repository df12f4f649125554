evaluate(new File(itSupport, 'log.groovy'))
def digest = { String chartYaml -> (chartYaml =~ /content-digest: "(sha256:[0-9a-f]{12})/)[0][1] }
def git = { String... args ->
    def p = new ProcessBuilder(['git'] + args.toList()).directory(basedir).start()
    String out = p.inputStream.text
    assert p.waitFor() == 0
    out
}
def released = digest(git('show', 'HEAD:charts/orders-db/Chart.yaml'))
def rewritten = digest(new File(basedir, 'charts/orders-db/Chart.yaml').text)
assert released != rewritten
expect('Wrote chart orders-db 1.0.0 to')
expect("orders-db.yaml:10:12: chart.version: orders-db: content changed (${released}… → ${rewritten}…) but version 1.0.0 was not increased over the baseline git:HEAD:charts/orders-db/ (raise chart.version in the spec (e.g. to 1.0.1) and run mvn replichart:generate) [RELEASE-VERSION-NOT-RAISED]")
expect('replichart:check: 1 problem found')
noStackTrace()
return true
