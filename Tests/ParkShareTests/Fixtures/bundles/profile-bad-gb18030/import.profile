encoding = gb18030
meter = 表号
timestamp = 时间
value = 电量
time-zone = +08:00
