package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The flows table's port columns say what they hold, in full. */
@ExtendWith(ApplicationExtension.class)
class FlowsHeadersTest {

    @Start
    void start(Stage stage) {
        new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void portHeadsAreWordsAndFitTheirColumns(FxRobot robot) {
        robot.clickOn("#flowsTab");
        WaitForAsyncUtils.waitForFxEvents();
        for (Map.Entry<String, String> e : Map.of("client_port", "client port", "server_port", "server port").entrySet()) {
            TableColumnBase<?, ?> column = robot.lookup("#flowsTable").queryTableView().getColumns().stream()
                    .filter(c -> e.getKey().equals(c.getId())).findFirst().orElseThrow();
            Label label = (Label) column.getGraphic(); // the head is a label, for its tooltip
            assertEquals(e.getValue(), label.getText());
            // what is drawn: a head too narrow for its words draws "s. p…"
            assertEquals(e.getValue(), ((Text) label.lookup(".text")).getText(), e.getKey());
            assertTrue(label.getWidth() + 0.5 >= label.prefWidth(-1), e.getKey() + " " + label.getWidth());
        }
    }
}
