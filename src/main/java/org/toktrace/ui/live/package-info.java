/** The desktop app's live capture: the capture dialog, the live view with Stop and marks, and the save into the library. */
package org.toktrace.ui.live;
