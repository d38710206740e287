# CMD in shell form: sh is PID 1
FROM node:20-alpine
CMD npm start
#   ^^^^^^^^^ OTP1011 "CMD 'npm start' is in shell form"
