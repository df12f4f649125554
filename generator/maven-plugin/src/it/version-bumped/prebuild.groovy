evaluate(new File(itSupport, 'consumer.groovy'))
commitAll()
replace(spec, 'max_connections: "200"', 'max_connections: "300"')
replace(spec, 'version: 1.0.0', 'version: 1.0.1')
return true
