evaluate(new File(itSupport, 'consumer.groovy'))
commitAll()
replace(spec, 'size: 5Gi', 'size: 8Gi')
replace(spec, 'version: 1.0.0', 'version: 1.1.0')
return true
