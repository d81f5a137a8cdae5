from samverka.cli import main

main()
