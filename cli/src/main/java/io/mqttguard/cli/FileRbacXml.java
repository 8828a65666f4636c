package io.mqttguard.cli;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a HiveMQ file-rbac {@code credentials.xml} into plain elements with line numbers. DTDs and
 * external entities are refused (no XXE).
 */
final class FileRbacXml {
  private FileRbacXml() {}

  /** An element: its line, child text values, and child elements. */
  static final class Element {
    final String name;
    final int line;
    final List<Element> children = new ArrayList<>();
    String value = "";

    Element(String name, int line) {
      this.name = name;
      this.line = line;
    }

    String text(String child, String fallback) {
      for (Element c : children) {
        if (c.name.equals(child)) {
          return c.value.strip();
        }
      }
      return fallback;
    }

    List<Element> all(String path) {
      List<Element> current = List.of(this);
      for (String step : path.split("/", -1)) {
        List<Element> next = new ArrayList<>();
        for (Element e : current) {
          for (Element c : e.children) {
            if (c.name.equals(step)) {
              next.add(c);
            }
          }
        }
        current = next;
      }
      return current;
    }
  }

  static Element parse(String file, byte[] content) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(content));
      List<Element> stack = new ArrayList<>();
      Element root = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          Element e = new Element(r.getLocalName(), r.getLocation().getLineNumber());
          if (stack.isEmpty()) {
            root = e;
          } else {
            stack.get(stack.size() - 1).children.add(e);
          }
          stack.add(e);
          text.setLength(0);
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          Element done = stack.remove(stack.size() - 1);
          if (done.children.isEmpty()) {
            done.value = text.toString();
          }
          text.setLength(0);
        } else if (event == XMLStreamConstants.DTD) {
          throw new CliException(file + ": DOCTYPE declarations are not accepted");
        }
      }
      if (root == null || !root.name.equals("file-rbac")) {
        throw new CliException(file + ": expected a <file-rbac> document");
      }
      return root;
    } catch (XMLStreamException e) {
      var loc = e.getLocation();
      throw new CliException(
          file
              + ": invalid XML"
              + (loc == null ? "" : " (line " + loc.getLineNumber() + ")")
              + ": "
              + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(@org.jspecify.annotations.Nullable String message) {
    if (message == null) {
      return "parse error";
    }
    String[] lines = message.split("\n", -1);
    return lines[lines.length - 1].strip();
  }
}
