"""``communique validate``: the engine (:mod:`.engine`) and the subcommand (:mod:`.command`)."""
