evaluate(new File(itSupport, 'log.groovy'))
expect('Wrote chart orders-db 1.1.0 to')
expect('content changed, version 1.0.0 → 1.1.0')
expect('spec.volumeClaimTemplates[name=data].spec.resources.requests.storage: 5Gi → 8Gi')
expect('[UPGRADE-STATEFULSET-SPEC]')
expect('charts/orders-db/templates/replication/statefulset.yaml:')
expect('replichart:check: 1 problem found')
noStackTrace()
return true
