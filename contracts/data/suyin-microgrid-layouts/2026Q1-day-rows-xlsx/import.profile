# 负荷曲线.xlsx: one row per meter and day, 24 hourly columns, the workbook itself
layout    = day-rows
sheet     = 负荷曲线
time-zone = +08:00
date      = 日期
meter     = 表号
intervals = 3
