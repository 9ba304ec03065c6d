# end-labelled local times (01:00 ... 24:00), MWh with a decimal comma, semicolons
delimiter = ;
decimal   = ,
unit      = MWh
stamp     = end
time-zone = +08:00
meter     = 计量点
timestamp = 结束时间
value     = 电量(MWh)
