// Checks many EPUBs in one JVM (epubcheck's own API; starting Java once per file costs seconds).
// Run: java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java A.epub B.epub ...
// Prints one line per file: "<path>\t<fatals>\t<errors>\t<warnings>", after epubcheck's messages.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        for (String path : args) {
            DefaultReportImpl report = new DefaultReportImpl(path);
            new EpubCheck(new File(path), report).validate();
            System.out.println(path + "\t" + report.getFatalErrorCount() + "\t"
                + report.getErrorCount() + "\t" + report.getWarningCount());
        }
    }
}
