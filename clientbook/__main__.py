from clientbook.main import main

main()
