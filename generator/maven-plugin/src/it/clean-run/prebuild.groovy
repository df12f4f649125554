evaluate(new File(itSupport, 'consumer.groovy'))
// what "nothing rewritten" is checked against
new File(basedir, 'mtimes.txt').text = chart.listFiles().collect { "${it.name} ${it.lastModified()}" }.sort().join('\n')
return true
