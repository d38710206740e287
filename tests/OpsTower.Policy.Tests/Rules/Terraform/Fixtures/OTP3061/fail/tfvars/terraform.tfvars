db_password = "correct-horse-battery"
#             ^^^^^^^^^^^^^^^^^^^^^^^ OTP3061
