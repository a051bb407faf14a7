from newsift.cli import entry

entry()
