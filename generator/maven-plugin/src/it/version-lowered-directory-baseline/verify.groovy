evaluate(new File(itSupport, 'log.groovy'))
expect('charts/orders-db/Chart.yaml: differs from what orders-db.yaml renders')
expect('orders-db.yaml:10:12: chart.version: orders-db: version 0.9.0 is lower than 1.0.0 in the baseline')
expect('released/orders-db (chart versions only go up: set chart.version above 1.0.0 (e.g. to 1.0.1) and run mvn replichart:generate) [RELEASE-VERSION-LOWER]')
expect('charts/orders-db/.replichart-manifest: differs from what orders-db.yaml renders')
expect('replichart:check: 3 problems found')
noStackTrace()
return true
