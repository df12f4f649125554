package dev.replichart.diff;

import java.util.List;

/** An object both charts render, with the fields that differ, in path order. */
public record ObjectChange(ObjectKey key, List<FieldChange> fields) {
  public ObjectChange {
    fields = List.copyOf(fields);
  }
}
