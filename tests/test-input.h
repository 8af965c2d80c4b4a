/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <X11/XKBlib.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>
#include <stdlib.h>

/*
 * Real input for widget tests: key presses, clicks and wheel turns made by the X
 * server itself (the XTEST extension, as xdotool does), so they reach GTK the way a
 * person's do: through the X connection, GDK's event translation, the toplevel's
 * event controllers, shortcuts, capture and bubble phases and the focus widget.
 * Nothing here calls a signal handler or an action directly.
 *
 * The ui suite runs under Xvfb with no window manager: the helpers give the X input
 * focus to the window they type into, and compute screen positions themselves.
 */

/* At exit, the pointer goes to the far corner of the screen, outside every test's
 * window: the X server outlives the test, and a pointer left where this test clicked
 * lies over the next test's window as it opens, which then gets enter and motion
 * events (and tooltips) it never asked for; GTK 4.8 has been seen to query a
 * destroyed surface's pointer position from them. Its own connection: GDK's may be
 * closed by then. */
static inline void
ref_input_park_pointer (void)
{
  Display *dpy = XOpenDisplay (NULL);

  if (dpy == NULL)
    return;
  XTestFakeMotionEvent (dpy, -1, DisplayWidth (dpy, 0) - 1, DisplayHeight (dpy, 0) - 1, CurrentTime);
  XSync (dpy, False);
  XCloseDisplay (dpy);
}

static inline gboolean
ref_input_available (void)
{
  static gboolean parking;
  GdkDisplay *display = gdk_display_get_default ();
  int event_base, error_base, major, minor;
  gboolean available = display != NULL && GDK_IS_X11_DISPLAY (display)
                       && XTestQueryExtension (gdk_x11_display_get_xdisplay (display), &event_base, &error_base,
                                               &major, &minor);

  if (available && !parking)
    {
      parking = TRUE;
      atexit (ref_input_park_pointer);
    }
  return available;
}

/* Skips the current test where there is no X display with XTEST. */
#define REQUIRE_INPUT()                                                                                               \
  G_STMT_START                                                                                                         \
  {                                                                                                                    \
    if (!ref_input_available ())                                                                                       \
      {                                                                                                                \
        g_test_skip ("needs an X display with the XTEST extension (Xvfb has it)");                                    \
        return;                                                                                                        \
      }                                                                                                                \
  }                                                                                                                    \
  G_STMT_END

static inline Display *
ref_input_xdisplay (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

/* Lets GTK read and dispatch what the X server sent: events arrive asynchronously, so
 * this runs the main loop for @ms milliseconds (and at least until it is idle). */
static inline void
ref_input_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  XSync (ref_input_xdisplay (), False);
  do
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < until);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline Window
ref_input_xid (GtkWindow *window)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
}

/* Gives @window the keyboard (without a window manager nobody else does), and waits
 * until GTK knows it is the active window. */
static inline void
ref_input_focus_window (GtkWindow *window)
{
  Display *dpy = ref_input_xdisplay ();

  gtk_window_present (window);
  ref_input_settle (20);
  XRaiseWindow (dpy, ref_input_xid (window));
  XSetInputFocus (dpy, ref_input_xid (window), RevertToParent, CurrentTime);
  for (int i = 0; i < 100 && !gtk_window_is_active (window); i++)
    ref_input_settle (10);
  g_assert_true (gtk_window_is_active (window));
}

/* Closes a test's @window and lets GTK finish with it before the next test. */
static inline void
ref_input_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  ref_input_settle (20);
}

/* A key code that produces @keysym: the layout's own, or else one of the server's
 * unused key codes given @keysym (as xdotool does for "ø" on a US layout). */
static inline KeyCode
ref_input_keycode (KeySym keysym)
{
  Display *dpy = ref_input_xdisplay ();
  KeyCode code = XKeysymToKeycode (dpy, keysym);
  int min_code, max_code, per_code;
  KeySym *map;

  if (code != 0)
    return code;
  XDisplayKeycodes (dpy, &min_code, &max_code);
  map = XGetKeyboardMapping (dpy, (KeyCode) min_code, max_code - min_code + 1, &per_code);
  for (int c = max_code; c >= min_code && code == 0; c--)
    {
      gboolean empty = TRUE;

      for (int k = 0; k < per_code; k++)
        empty &= map[(c - min_code) * per_code + k] == NoSymbol;
      if (empty)
        code = (KeyCode) c;
    }
  XFree (map);
  if (code == 0)
    g_error ("No key on the current keyboard layout produces keysym 0x%lx, and none is free", (unsigned long) keysym);
  {
    KeySym both[2] = { keysym, keysym };

    XChangeKeyboardMapping (dpy, code, 2, both, 1);
  }
  /* GDK reads the new map when the server tells it of the change. */
  ref_input_settle (50);
  return code;
}

static inline void
ref_input_modifiers (GdkModifierType mods, gboolean press)
{
  Display *dpy = ref_input_xdisplay ();

  if (mods & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (dpy, ref_input_keycode (XK_Control_L), press, CurrentTime);
  if (mods & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (dpy, ref_input_keycode (XK_Shift_L), press, CurrentTime);
  if (mods & GDK_ALT_MASK)
    XTestFakeKeyEvent (dpy, ref_input_keycode (XK_Alt_L), press, CurrentTime);
}

/* Presses and releases the physical key @keycode with the modifier keys @mods held,
 * on whatever layout the X server has: what a person's finger does. */
static inline void
ref_input_keycode_press (KeyCode keycode, GdkModifierType mods)
{
  Display *dpy = ref_input_xdisplay ();

  ref_input_modifiers (mods, True);
  XTestFakeKeyEvent (dpy, keycode, True, CurrentTime);
  XTestFakeKeyEvent (dpy, keycode, False, CurrentTime);
  ref_input_modifiers (mods, False);
  ref_input_settle (30);
}

/* The key that produces @keysym (GDK_KEY_Return, GDK_KEY_b …) with @mods held. */
static inline void
ref_input_key (guint keysym, GdkModifierType mods)
{
  ref_input_keycode_press (ref_input_keycode (keysym), mods);
}

/* Types @text key by key (Shift where the layout needs it; a character the layout
 * lacks, such as "ø" on a US keyboard, through a spare key code). */
static inline void
ref_input_type (const char *text)
{
  Display *dpy = ref_input_xdisplay ();

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      KeySym keysym = c == ' ' ? XK_space : c == '\n' ? XK_Return : (KeySym) gdk_unicode_to_keyval (c);
      KeyCode code = ref_input_keycode (keysym);
      gboolean shifted = XkbKeycodeToKeysym (dpy, code, 0, 0) != keysym;

      ref_input_keycode_press (code, shifted ? GDK_SHIFT_MASK : 0);
    }
}

/* Screen coordinates of the point (@x, @y) of @widget. */
static inline void
ref_input_screen_point (GtkWidget *widget, double x, double y, int *root_x, int *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double tx, ty;
  Window child;
  Display *dpy = ref_input_xdisplay ();

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT ((float) x, (float) y),
                                           &point));
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)), DefaultRootWindow (dpy),
                         (int) (point.x + tx), (int) (point.y + ty), root_x, root_y, &child);
}

static inline void
ref_input_move_to (GtkWidget *widget, double x, double y)
{
  int rx, ry;

  /* Where the widget is after the layout that the last change queued. */
  ref_input_settle (60);
  ref_input_screen_point (widget, x, y, &rx, &ry);
  /* Arrive from outside the window, as a hand does: a pointer already at the spot
   * sends no motion, and GDK (4.8, X11) may go on thinking it is over a popover that
   * has just closed there, and deliver the click to it. The tests' windows are
   * smaller than the Xvfb screen, so its far corner is outside them. */
  XTestFakeMotionEvent (ref_input_xdisplay (), -1, DisplayWidth (ref_input_xdisplay (), 0) - 1,
                        DisplayHeight (ref_input_xdisplay (), 0) - 1, CurrentTime);
  ref_input_settle (20);
  XTestFakeMotionEvent (ref_input_xdisplay (), -1, rx + 3, ry + 3, CurrentTime);
  ref_input_settle (10);
  XTestFakeMotionEvent (ref_input_xdisplay (), -1, rx, ry, CurrentTime);
  ref_input_settle (30);
}

/* A click with the primary button at the point (@x, @y) of @widget. */
static inline void
ref_input_click_at (GtkWidget *widget, double x, double y)
{
  Display *dpy = ref_input_xdisplay ();

  ref_input_move_to (widget, x, y);
  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  ref_input_settle (10);
  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
  ref_input_settle (40);
}

/* A click with the primary button in the middle of @widget. */
static inline void
ref_input_click (GtkWidget *widget)
{
  Display *dpy = ref_input_xdisplay ();

  ref_input_move_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  ref_input_settle (10);
  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
  ref_input_settle (40);
}

/* @clicks turns of the mouse wheel (down when positive) over the middle of @widget. */
static inline void
ref_input_wheel (GtkWidget *widget, int clicks)
{
  Display *dpy = ref_input_xdisplay ();
  unsigned int button = clicks > 0 ? 5 : 4;

  ref_input_move_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  for (int i = 0; i < ABS (clicks); i++)
    {
      XTestFakeButtonEvent (dpy, button, True, CurrentTime);
      XTestFakeButtonEvent (dpy, button, False, CurrentTime);
      ref_input_settle (20);
    }
  ref_input_settle (40);
}

/* Switches the X server's keyboard layout ("us", "dk"), as a user does in Settings;
 * returns FALSE when setxkbmap is missing. */
static inline gboolean
ref_input_set_layout (const char *layout)
{
  g_autoptr (GError) error = NULL;
  const char *display = g_getenv ("DISPLAY");
  const char *argv[] = { "setxkbmap", "-display", display ? display : ":0", "-layout", layout, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error))
    return FALSE;
  ref_input_settle (150); /* GDK reloads its keymap when the server says it changed */
  return g_spawn_check_wait_status (status, NULL);
}

/* Runs the main loop until @expr holds, for at most five seconds: what the X server
 * delivers, and what GTK animates (popovers opening), takes its time. */
#define REF_INPUT_WAIT_FOR(expr)                                                                                       \
  G_STMT_START                                                                                                        \
  {                                                                                                                    \
    for (int ref_wait_i_ = 0; ref_wait_i_ < 250 && !(expr); ref_wait_i_++)                                            \
      ref_input_settle (20);                                                                                           \
  }                                                                                                                    \
  G_STMT_END

/* Clicks @widget until @expr holds, at most three times. For opening popovers: a
 * click right after another popover closed can still go to the closed one (GDK 4.8 on
 * X11 updates the surface under the pointer late), which a person's moving hand
 * never notices and a test must not take for a failure of the application. */
#define REF_INPUT_CLICK_UNTIL(widget, expr)                                                                            \
  G_STMT_START                                                                                                        \
  {                                                                                                                    \
    for (int ref_click_i_ = 0; ref_click_i_ < 3 && !(expr); ref_click_i_++)                                           \
      {                                                                                                                \
        if (ref_click_i_ > 0)                                                                                          \
          g_test_message ("clicking %s again", G_OBJECT_TYPE_NAME (widget));                                          \
        ref_input_click (widget);                                                                                      \
        REF_INPUT_WAIT_FOR (expr);                                                                                     \
      }                                                                                                                \
  }                                                                                                                    \
  G_STMT_END
