evaluate(new File(itSupport, 'log.groovy'))
expect('charts/orders-db/values.yaml: differs from what orders-db.yaml renders (run mvn replichart:generate and commit the result) [CHART-STALE]')
expect('charts/orders-db/templates/NOTES.txt: is missing; orders-db.yaml renders it')
expect('charts/orders-db/extra.txt: is not part of the chart orders-db.yaml renders')
expect('replichart:check: 3 problems found')
noStackTrace()
return true
