<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <location filename="../../ui/screens/home.py" line="87"/>
        <source>Digital learning spot</source>
        <translation>디지털 배움터</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>A guide is coming</source>
        <translation>안내사가 오고 있어요</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Please stay here. A digital guide will come to help you soon.</source>
        <translation>여기에서 잠시 기다려 주세요. 디지털 안내사가 곧 도와드리러 와요.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Are you still there?</source>
        <translation>아직 계신가요?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>If nobody touches the screen, it will go back to the start in {seconds} seconds.</source>
        <translation>화면을 누르지 않으면 {seconds}초 뒤에 처음 화면으로 돌아가요.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>Continue</source>
        <translation>계속하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="23"/>
        <source>Lessons</source>
        <translation>배우기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="30"/>
        <source>{count} steps</source>
        <translation>{count}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="32"/>
        <source>reached step {step}</source>
        <translation>{step}단계까지 봤어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="91"/>
        <location filename="../../ui/screens/notices.py" line="28"/>
        <source>Notices</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="41"/>
        <source>Until {date}</source>
        <translation>{date}까지</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="46"/>
        <source>There are no notices today.</source>
        <translation>오늘은 알림이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="73"/>
        <source>This program is not available any more.</source>
        <translation>이 프로그램은 더 이상 볼 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="80"/>
        <source>Who it is for</source>
        <translation>대상</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="81"/>
        <source>When</source>
        <translation>일정</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="82"/>
        <source>Where</source>
        <translation>장소</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="83"/>
        <source>How to apply</source>
        <translation>신청 방법</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="84"/>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="92"/>
        <source>Point your phone&apos;s camera here to take the details home.</source>
        <translation>휴대전화 카메라를 여기에 비추면 자세한 내용을 가져갈 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="110"/>
        <location filename="../../ui/screens/program_detail.py" line="93"/>
        <source>Listen again</source>
        <translation>다시 듣기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="22"/>
        <source>What would you like to learn?</source>
        <translation>무엇을 배워 볼까요?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="30"/>
        <source>{count} lessons</source>
        <translation>수업 {count}개</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="88"/>
        <source>Welcome! Touch what you would like to do.</source>
        <translation>어서 오세요! 하고 싶은 것을 눌러 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="89"/>
        <source>Learn digital skills</source>
        <translation>디지털 배우기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="90"/>
        <location filename="../../ui/screens/programs.py" line="56"/>
        <source>City programs for you</source>
        <translation>서울시 지원 사업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="92"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="45"/>
        <source>Call a guide</source>
        <translation>안내사 부르기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="93"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="94"/>
        <source>Text size</source>
        <translation>글자 크기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="101"/>
        <source>Voice: on</source>
        <translation>소리: 켜짐</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="101"/>
        <source>Voice: off</source>
        <translation>소리: 꺼짐</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="104"/>
        <source>Open: {hours}</source>
        <translation>운영: {hours}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="39"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="41"/>
        <source>Well done!</source>
        <translation>잘하셨어요!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="43"/>
        <source>You finished “{title}”.</source>
        <translation>‘{title}’ 수업을 마쳤어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="45"/>
        <source>Do it again</source>
        <translation>한 번 더 하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="46"/>
        <source>Choose another lesson</source>
        <translation>다른 수업 고르기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="59"/>
        <source>Try this next:</source>
        <translation>다음에는 이것을 해 보세요:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="94"/>
        <source>This lesson is not available any more.</source>
        <translation>이 수업은 더 이상 볼 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="103"/>
        <source>Step {current} of {total}</source>
        <translation>{total}단계 중 {current}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="109"/>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="112"/>
        <source>Finish</source>
        <translation>마치기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="112"/>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="43"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="44"/>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="48"/>
        <source>Smaller text</source>
        <translation>글자 작게</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="50"/>
        <source>Bigger text</source>
        <translation>글자 크게</translation>
    </message>
</context>
</TS>
