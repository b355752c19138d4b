package dev.supportdesk.escalation.audit;

import java.util.Date;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Renders variable values for people reading an audit record. Objects are never deserialized (the
 * history may hold classes this application no longer has): their serialized form is shown.
 */
final class Values {

  static final int MAX_LENGTH = 2000;

  private Values() {}

  static String display(TypedValue value) {
    if (value == null || value.getValue() == null && !(value instanceof SerializableValue)) {
      return null;
    }
    String text;
    if (value instanceof ObjectValue object && !object.isDeserialized()) {
      text = object.getValueSerialized();
    } else if (value instanceof SerializableValue serializable && value.getValue() == null) {
      text = serializable.getValueSerialized();
    } else if (value.getValue() instanceof Date date) {
      text = date.toInstant().toString();
    } else if (value.getValue() instanceof byte[] bytes) {
      text = "(" + bytes.length + " bytes)";
    } else {
      text = String.valueOf(value.getValue());
    }
    if (text != null && text.length() > MAX_LENGTH) {
      return text.substring(0, MAX_LENGTH) + "…";
    }
    return text;
  }

  static String display(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof TypedValue typed) {
      return display(typed);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    String text = String.valueOf(value);
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
  }
}
