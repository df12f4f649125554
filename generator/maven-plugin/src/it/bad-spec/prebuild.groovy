evaluate(new File(itSupport, 'consumer.groovy'))
replace(spec, 'replicas: 3', 'replicaz: 3')
replace(spec, 'size: 5Gi', 'size: five')
return true
