evaluate(new File(itSupport, 'log.groovy'))
expect('Wrote chart orders-db 1.0.1 to')
expect('Version rule: orders-db against git:HEAD:charts/orders-db/: content changed, version 1.0.0 → 1.0.1')
expectNot('[ERROR]')
return true
