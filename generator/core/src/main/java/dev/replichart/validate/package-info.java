/**
 * Validators that run on a written chart before it is moved into place. Each layer (values, Helm,
 * OpenAPI, models, policy) is one {@link dev.replichart.validate.Layer} reading one {@link
 * dev.replichart.validate.ChartUnderTest}; {@link dev.replichart.validate.ChartValidator} runs them
 * in order, and every check any of them makes is listed once in {@link
 * dev.replichart.validate.Check}. Each layer's class says what it does not prove.
 */
package dev.replichart.validate;
