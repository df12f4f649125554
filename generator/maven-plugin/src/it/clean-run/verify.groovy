evaluate(new File(itSupport, 'log.groovy'))
expect('Chart orders-db 1.0.0 unchanged in')
expect('validated with default values and 1 values file(s)')
expect('Chart orders-db in ')
expect('is what orders-db.yaml renders')
expect('No baseline for chart orders-db at git:HEAD')
expect('Chart orders-db 1.0.0 is up to date')
expectNot('Wrote chart')
expectNot('BUILD FAILURE')
def chart = new File(basedir, 'charts/orders-db')
def now = chart.listFiles().collect { "${it.name} ${it.lastModified()}" }.sort().join('\n')
assert now == new File(basedir, 'mtimes.txt').text : 'the committed chart was touched'
return true
