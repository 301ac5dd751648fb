from .served import main

main()
