evaluate(new File(itSupport, 'consumer.groovy'))
return true
