evaluate(new File(itSupport, 'consumer.groovy'))
new File(chart, 'values.yaml') << '# tuned by hand\n'
assert new File(chart, 'templates/NOTES.txt').delete()
new File(chart, 'extra.txt').text = 'not generated\n'
return true
