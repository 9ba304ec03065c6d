# 负荷曲线: one row per meter and day, 24 hourly columns, saved by Excel as GB18030
layout    = day-rows
encoding  = gb18030
time-zone = +08:00
skip      = 1
date      = 日期
meter     = 表号
intervals = 3
