"""Log lines as the systemd journal reads them (docs/install.md): the priority as a ``<N>``
prefix (journald's SyslogLevelPrefix), then the logger's name and the message, one line.
Exceptions' tracebacks follow on lines of their own at the same priority."""

import logging

# logging's levels → syslog priorities (RFC 5424): journalctl -p warning shows 4 and below.
PRIORITIES = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6, logging.DEBUG: 7}


class JournalFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        priority = PRIORITIES.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return "\n".join(f"<{priority}>{line}" for line in text.splitlines())
