package io.meshgate.api.internal.doc;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Copies the Javadoc of every api record into {@value #RESOURCE} at compile time: the record's first
 * sentence under {@code <binary name>} and each {@code @param} under {@code <binary name>.<component>},
 * so that {@code meshgate explain} can print the same text the Javadoc shows. Runs inside the api
 * module's own compilation (see api/pom.xml).
 */
@SupportedAnnotationTypes("*")
public final class FieldDocProcessor extends AbstractProcessor {

    /** Where the documentation goes on the class path. */
    public static final String RESOURCE = "META-INF/meshgate/field-docs.properties";

    private final Map<String, String> docs = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element e : round.getRootElements()) {
            collect(e);
        }
        if (round.processingOver() && !docs.isEmpty()) {
            write();
        }
        return false;
    }

    private void collect(Element e) {
        if (e instanceof TypeElement type && type.getQualifiedName().toString().startsWith("io.meshgate.api.")) {
            if (type.getKind() == ElementKind.RECORD) {
                String doc = processingEnv.getElementUtils().getDocComment(type);
                if (doc != null) {
                    parse(processingEnv.getElementUtils().getBinaryName(type).toString(), doc);
                }
            }
            for (Element member : type.getEnclosedElements()) {
                collect(member);
            }
        }
    }

    private void parse(String key, String doc) {
        StringBuilder description = new StringBuilder();
        String param = null;
        StringBuilder text = new StringBuilder();
        boolean inTags = false;
        for (String raw : doc.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("@")) {
                flush(key, param, text);
                inTags = true;
                param = null;
                text.setLength(0);
                if (line.startsWith("@param ")) {
                    String rest = line.substring("@param ".length()).strip();
                    int sp = rest.indexOf(' ');
                    param = sp < 0 ? rest : rest.substring(0, sp);
                    text.append(sp < 0 ? "" : rest.substring(sp + 1));
                }
            } else if (inTags) {
                text.append(' ').append(line);
            } else {
                description.append(' ').append(line);
            }
        }
        flush(key, param, text);
        String d = clean(description.toString());
        int end = d.indexOf(". ");
        docs.put(key, end < 0 ? d : d.substring(0, end + 1));
    }

    private void flush(String key, String param, StringBuilder text) {
        if (param != null) {
            docs.put(key + "." + param, clean(text.toString()));
        }
    }

    /** Javadoc markup to plain text: {@code x} and {@link X} become x, HTML entities decoded. */
    static String clean(String s) {
        return s.replaceAll("\\{@(?:code|link|linkplain|literal|value) ([^}]*)}", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
    }

    private void write() {
        try {
            FileObject f = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", RESOURCE);
            try (Writer w = new java.io.OutputStreamWriter(f.openOutputStream(), StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : docs.entrySet()) {
                    w.write(escape(e.getKey()) + "=" + escape(e.getValue()) + "\n");
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + RESOURCE + ": " + e);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                default -> {
                    if (c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
