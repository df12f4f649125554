evaluate(new File(itSupport, 'consumer.groovy'))
commitAll()
replace(spec, 'max_connections: "200"', 'max_connections: "300"')
return true
