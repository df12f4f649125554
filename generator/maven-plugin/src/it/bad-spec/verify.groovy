evaluate(new File(itSupport, 'log.groovy'))
def located = buildLog.readLines().findAll { it =~ /^\[ERROR\] \S*orders-db\.yaml:\d+:\d+: spec\./ }
assert located.size() == 2 : "expected two located problems, got ${located}"
assert located.any { it.contains('orders-db.yaml:15:3: spec.replicaz') }
assert located.any { it.contains('orders-db.yaml:17:11: spec.storage.size') }
expect('replichart:generate: 2 problems found; nothing was written')
noStackTrace()
return true
