from macros.publish import main

raise SystemExit(main())
