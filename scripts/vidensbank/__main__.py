from vidensbank.cli import main

raise SystemExit(main())
