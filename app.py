"""Commerce Ops Cockpit: the shell (language switch, first-run demo build, navigation)."""

from cockpit.ui import shell

shell.run()
