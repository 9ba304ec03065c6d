# 平台导出：本地时间，Wh，分号与小数逗号
delimiter = ;
decimal = ,
unit = Wh
skip = 1
time-zone = +08:00
meter = 表号
timestamp = 时间
value = 电量
