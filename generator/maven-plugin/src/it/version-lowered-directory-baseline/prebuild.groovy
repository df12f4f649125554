evaluate(new File(itSupport, 'consumer.groovy'))
copyTree(chart, new File(basedir, 'released/orders-db'))
replace(spec, 'version: 1.0.0', 'version: 0.9.0')
return true
